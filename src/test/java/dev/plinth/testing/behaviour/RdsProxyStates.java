package dev.plinth.testing.behaviour;

import dev.plinth.testing.behaviour.Timeline.Phase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An RDS proxy is {@code creating} for minutes before DescribeDBProxies answers {@code available}, where
 * the emulator has it available at once; after DeleteDBProxy it stays listed as {@code deleting} before
 * DBProxyNotFoundFault. A target registered with RegisterDBProxyTargets is {@code REGISTERING} for minutes
 * (the emulator: one read) before its TargetHealth is {@code AVAILABLE}.
 *
 * <p>Durations: the RDS user guide, "Creating an RDS Proxy" (the proxy takes a few minutes to create;
 * its status is creating until then), and terraform-provider-aws internal/service/rds/proxy.go, which
 * waits up to 30 minutes for creating to become available and for deleting to end; target health
 * states from the RDS API reference, TargetHealth.
 */
final class RdsProxyStates implements Behaviour {

    static final String CREATING = "creating";
    static final String DELETING = "deleting";
    static final String REGISTERING = "REGISTERING";

    private static final Duration CREATE = Duration.ofMinutes(5);
    private static final Duration DELETE = Duration.ofMinutes(2);
    private static final Duration REGISTER = Duration.ofMinutes(3);

    private final Timeline proxies;
    /** Targets by {@code <proxy>/<instance>}. */
    private final Timeline targets;

    private final Map<String, String> lastSeen = new ConcurrentHashMap<>();

    RdsProxyStates(AwsTime time) {
        this.proxies = new Timeline(time);
        this.targets = new Timeline(time);
    }

    @Override
    public String name() {
        return "rds-proxy-states";
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (!call.service().equals("rds")) {
            return answer;
        }
        String proxy = call.param("DBProxyName");
        switch (call.action()) {
            case "CreateDBProxy" -> {
                if (answer.ok()) {
                    proxies.start(proxy, new Phase(CREATING, CREATE));
                    return rewrite(answer);
                }
            }
            case "DeleteDBProxy" -> {
                if (answer.ok()) {
                    proxies.start(proxy, new Phase(DELETING, DELETE));
                    return rewrite(answer);
                }
            }
            case "DescribeDBProxies" -> {
                return answer.ok() ? rewrite(answer) : stillDeleting(proxy, answer);
            }
            case "RegisterDBProxyTargets" -> {
                if (answer.ok()) {
                    call.params("DBInstanceIdentifiers.member")
                            .forEach(instance ->
                                    targets.start(proxy + "/" + instance, new Phase(REGISTERING, REGISTER)));
                }
            }
            case "DescribeDBProxyTargets" -> {
                if (answer.ok()) {
                    XmlAnswer xml = XmlAnswer.of(answer);
                    xml.forEachItem(
                            "RdsResourceId",
                            (instance, target) -> targets.stateOf(proxy + "/" + instance)
                                    .ifPresent(state -> XmlAnswer.set(target, "TargetHealth/State", state)));
                    return answer.withText(xml.text());
                }
            }
            default -> {}
        }
        return answer;
    }

    private AwsAnswer rewrite(AwsAnswer answer) {
        XmlAnswer xml = XmlAnswer.of(answer);
        xml.forEachItem("DBProxyName", (name, item) -> {
            proxies.stateOf(name).ifPresent(state -> XmlAnswer.set(item, "Status", state));
            lastSeen.put(name, XmlAnswer.text(item));
        });
        return answer.withText(xml.text());
    }

    private AwsAnswer stillDeleting(String proxy, AwsAnswer answer) {
        String item = proxy == null ? null : lastSeen.get(proxy);
        if (item == null || !proxies.isIn(proxy, DELETING) || !answer.text().contains("DBProxyNotFound")) {
            return answer;
        }
        // the item was kept as <DBProxy> or <member>: a list member either way
        String member = item.replaceFirst("^<DBProxy\\b", "<member").replaceFirst("</DBProxy>$", "</member>");
        String body = "<DescribeDBProxiesResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\">"
                + "<DescribeDBProxiesResult><DBProxies>" + member + "</DBProxies></DescribeDBProxiesResult>"
                + "<ResponseMetadata><RequestId>rds-proxy-states</RequestId></ResponseMetadata>"
                + "</DescribeDBProxiesResponse>";
        return answer.succeeded(body);
    }

    @Override
    public void reset() {
        proxies.reset();
        targets.reset();
        lastSeen.clear();
    }
}
