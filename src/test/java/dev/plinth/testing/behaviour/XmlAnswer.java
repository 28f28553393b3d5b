package dev.plinth.testing.behaviour;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** An XML answer (EC2's, or the query protocol's) as a document a behaviour reads and rewrites. */
final class XmlAnswer {

    private final Document document;

    private XmlAnswer(Document document) {
        this.document = document;
    }

    static XmlAnswer of(AwsAnswer answer) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            return new XmlAnswer(factory.newDocumentBuilder().parse(new ByteArrayInputStream(answer.body())));
        } catch (Exception e) {
            throw new IllegalArgumentException("not an XML answer: " + answer.text(), e);
        }
    }

    /** The text of the first element of that name anywhere in the answer, or null. */
    String first(String tag) {
        Node node = document.getElementsByTagName(tag).item(0);
        return node == null ? null : node.getTextContent();
    }

    /** The {@code <item>} children of the first element of that name ({@code networkInterfaceSet}). */
    List<Element> items(String set) {
        Element parent = set(set);
        List<Element> items = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals("item")) {
                    items.add(e);
                }
            }
        }
        return items;
    }

    /** A new {@code <item>} at the end of that set. */
    Element addItem(String set) {
        Element item = document.createElement("item");
        set(set).appendChild(item);
        return item;
    }

    /** The text of a direct child of {@code parent}, or null. */
    static String text(Element parent, String child) {
        Element e = child(parent, child);
        return e == null ? null : e.getTextContent();
    }

    /** Sets the text of a direct child of {@code parent}, adding the child if it has none. */
    static Element put(Element parent, String child, String value) {
        Element e = child(parent, child);
        if (e == null) {
            e = parent.getOwnerDocument().createElement(child);
            parent.appendChild(e);
        }
        e.setTextContent(value);
        return e;
    }

    /** Removes the direct children of those names. */
    static void remove(Element parent, String... children) {
        for (String name : children) {
            Element e = child(parent, name);
            if (e != null) {
                parent.removeChild(e);
            }
        }
    }

    /** A {@code <name><item><key>value</key></item>…</name>} list under {@code parent}. */
    static void putList(Element parent, String name, String key, List<String> values) {
        Element list = put(parent, name, "");
        for (String value : values) {
            Element item = parent.getOwnerDocument().createElement("item");
            put(item, key, value);
            list.appendChild(item);
        }
    }

    AwsAnswer writeTo(AwsAnswer answer) {
        try {
            var out = new StringWriter();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
            return answer.withText(out.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Element set(String name) {
        Node node = document.getElementsByTagName(name).item(0);
        return node instanceof Element e ? e : null;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
