package dev.plinth.testing.behaviour;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * An XML answer (EC2, query protocol, CloudFront) to read and rewrite: the items it describes are the
 * elements that carry an id child ({@code <DBInstanceIdentifier>}, {@code <natGatewayId>}), whatever
 * list wraps them. Elements are matched by local name, whatever the API's namespace.
 */
final class XmlAnswer {

    private final Document document;

    private XmlAnswer(Document document) {
        this.document = document;
    }

    static XmlAnswer of(AwsAnswer answer) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return new XmlAnswer(factory.newDocumentBuilder().parse(new ByteArrayInputStream(answer.body())));
        } catch (Exception e) {
            throw new IllegalArgumentException("not an XML answer: " + answer.text(), e);
        }
    }

    /** Calls {@code each} with the id and the element of every item that has an {@code idTag} child. */
    void forEachItem(String idTag, BiConsumer<String, Element> each) {
        var ids = document.getElementsByTagNameNS("*", idTag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < ids.getLength(); i++) {
            found.add((Element) ids.item(i));
        }
        found.forEach(id -> each.accept(id.getTextContent(), (Element) id.getParentNode()));
    }

    /** The text of the first element of that name anywhere in the answer, or null. */
    String first(String tag) {
        Node node = document.getElementsByTagNameNS("*", tag).item(0);
        return node == null ? null : node.getTextContent();
    }

    /** The {@code <item>} children of the first element of that name ({@code networkInterfaceSet}). */
    List<Element> items(String set) {
        Element parent = set(set);
        List<Element> items = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && "item".equals(e.getLocalName())) {
                    items.add(e);
                }
            }
        }
        return items;
    }

    /** A new {@code <item>} at the end of that set. */
    Element addItem(String set) {
        Element parent = set(set);
        Element item = document.createElementNS(parent.getNamespaceURI(), "item");
        parent.appendChild(item);
        return item;
    }

    /** The text at {@code path} (child names separated by {@code /}) under {@code item}, if it is there. */
    static Optional<String> text(Element item, String path) {
        return at(item, path).map(Node::getTextContent);
    }

    /** Sets the text at {@code path} under {@code item}, where it is there. */
    static void set(Element item, String path, String value) {
        at(item, path).ifPresent(e -> e.setTextContent(value));
    }

    /** Sets the text of a direct child of {@code parent}, adding the child if it has none. */
    static Element put(Element parent, String child, String value) {
        Element e = child(parent, child);
        if (e == null) {
            e = parent.getOwnerDocument().createElementNS(parent.getNamespaceURI(), child);
            parent.appendChild(e);
        }
        e.setTextContent(value);
        return e;
    }

    /** A {@code <name><item><key>value</key></item>…</name>} list under {@code parent}. */
    static void putList(Element parent, String name, String key, List<String> values) {
        Element list = put(parent, name, "");
        for (String value : values) {
            Element item = parent.getOwnerDocument().createElementNS(parent.getNamespaceURI(), "item");
            put(item, key, value);
            list.appendChild(item);
        }
    }

    /** Removes the direct children of those names that {@code item} has. */
    static void remove(Element item, String... names) {
        for (String name : names) {
            Element e = child(item, name);
            if (e != null) {
                item.removeChild(e);
            }
        }
    }

    private static Optional<Element> at(Element item, String path) {
        Element current = item;
        for (String name : path.split("/")) {
            current = child(current, name);
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private Element set(String name) {
        Node node = document.getElementsByTagNameNS("*", name).item(0);
        return node instanceof Element e ? e : null;
    }

    /** The element as text, to keep and answer again later. */
    static String text(Element element) {
        return serialize(new DOMSource(element), true);
    }

    /** The whole answer as text. */
    String text() {
        return serialize(new DOMSource(document), false);
    }

    /** {@code answer} with this document as its body. */
    AwsAnswer writeTo(AwsAnswer answer) {
        return answer.withText(text());
    }

    private static String serialize(DOMSource source, boolean fragment) {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, fragment ? "yes" : "no");
            var out = new StringWriter();
            transformer.transform(source, new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
