package dev.plinth.testing.behaviour;

import dev.plinth.testing.IamRequest;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

/**
 * The tags of resources as answers show them, for resources this front did not see made (a test made
 * them straight in the emulator, or an earlier run of the service did): the Resource Groups Tagging
 * API's {@code GetResources} and EC2's {@code Describe…} ({@code tagSet} of each item). Also EC2's route
 * table associations, whose id a later {@code DisassociateRouteTable} names instead of the route table.
 *
 * @param tags  resource ARN → its tags
 * @param links an id that stands for a resource (an association) → that resource's ARN
 */
record AnsweredTags(Map<String, Map<String, String>> tags, Map<String, String> links) {

    /** EC2 describe actions → the element of an item's own id, and its resource type. */
    private static final Map<String, List<String>> EC2_ITEMS = Map.of(
            "DescribeVpcs", List.of("vpcId", "vpc"),
            "DescribeSubnets", List.of("subnetId", "subnet"),
            "DescribeRouteTables", List.of("routeTableId", "route-table"),
            "DescribeInternetGateways", List.of("internetGatewayId", "internet-gateway"),
            "DescribeNatGateways", List.of("natGatewayId", "natgateway"),
            "DescribeSecurityGroups", List.of("groupId", "security-group"),
            "DescribeAddresses", List.of("allocationId", "elastic-ip"));

    static AnsweredTags of(AwsCall call, AwsAnswer answer) {
        if (!answer.ok()) {
            return none();
        }
        if (call.is("tagging", "GetResources")) {
            return taggingApi(answer.json());
        }
        if (call.service().equals("ec2") && EC2_ITEMS.containsKey(call.action())) {
            return ec2(call, answer);
        }
        return none();
    }

    private static AnsweredTags none() {
        return new AnsweredTags(Map.of(), Map.of());
    }

    private static AnsweredTags taggingApi(JsonNode answer) {
        Map<String, Map<String, String>> tags = new LinkedHashMap<>();
        for (JsonNode mapping : answer.path("ResourceTagMappingList")) {
            Map<String, String> resourceTags = new LinkedHashMap<>();
            mapping.path("Tags")
                    .forEach(t -> resourceTags.put(
                            t.path("Key").asString(), t.path("Value").asString()));
            tags.put(mapping.path("ResourceARN").asString(), resourceTags);
        }
        return new AnsweredTags(tags, Map.of());
    }

    private static AnsweredTags ec2(AwsCall call, AwsAnswer answer) {
        List<String> item = EC2_ITEMS.get(call.action());
        String prefix = "arn:aws:ec2:" + call.region() + ":" + IamRequest.ACCOUNT + ":";
        Map<String, Map<String, String>> tags = new LinkedHashMap<>();
        Map<String, String> links = new LinkedHashMap<>();
        NodeList items = parse(answer).getElementsByTagName("item");
        for (int i = 0; i < items.getLength(); i++) {
            Element element = (Element) items.item(i);
            String id = child(element, item.get(0));
            Element tagSet = childElement(element, "tagSet");
            if (id != null && tagSet != null) {
                Map<String, String> resourceTags = new LinkedHashMap<>();
                NodeList tagItems = tagSet.getElementsByTagName("item");
                for (int t = 0; t < tagItems.getLength(); t++) {
                    Element tag = (Element) tagItems.item(t);
                    resourceTags.put(child(tag, "key"), child(tag, "value"));
                }
                tags.put(prefix + item.get(1) + "/" + id, resourceTags);
            }
            String association = child(element, "routeTableAssociationId");
            String routeTable = child(element, "routeTableId");
            if (association != null && routeTable != null) {
                links.put(association, prefix + "route-table/" + routeTable);
            }
        }
        return new AnsweredTags(tags, links);
    }

    private static Element parse(AwsAnswer answer) {
        try {
            return DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new ByteArrayInputStream(answer.body()))
                    .getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("an EC2 answer that is not XML: " + answer.text(), e);
        }
    }

    private static Element childElement(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String child(Element parent, String name) {
        Element e = childElement(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }
}
