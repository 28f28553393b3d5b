package dev.plinth.testing.behaviour;

import static dev.plinth.testing.behaviour.Answers.error;
import static dev.plinth.testing.behaviour.Answers.ok;
import static dev.plinth.testing.behaviour.Answers.query;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RdsProxyStatesTest {

    private static final String NS = "xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"";
    private static final String PROXY =
            "<DBProxyName>shop-proxy</DBProxyName><Status>available</Status>" + "<Endpoint>shop-proxy.rds</Endpoint>";
    private static final String DESCRIBED = "<DescribeDBProxiesResponse " + NS + "><DescribeDBProxiesResult><DBProxies>"
            + "<member>" + PROXY + "</member></DBProxies></DescribeDBProxiesResult></DescribeDBProxiesResponse>";
    private static final AwsCall DESCRIBE = query("rds", "DescribeDBProxies", "DBProxyName=shop-proxy");
    private static final AwsCall DESCRIBE_TARGETS =
            query("rds", "DescribeDBProxyTargets", "DBProxyName=shop-proxy&TargetGroupName=default");
    private static final String TARGETS =
            "<DescribeDBProxyTargetsResponse " + NS + "><DescribeDBProxyTargetsResult><Targets>"
                    + "<member><RdsResourceId>shop-db</RdsResourceId><Type>RDS_INSTANCE</Type>"
                    + "<TargetHealth><State>AVAILABLE</State></TargetHealth></member></Targets></DescribeDBProxyTargetsResult>"
                    + "</DescribeDBProxyTargetsResponse>";

    private final RdsProxyStates aws = new RdsProxyStates(AwsTime.scaled(1));

    @Test
    void aNewProxyIsCreating() {
        aws.after(
                query("rds", "CreateDBProxy", "DBProxyName=shop-proxy"),
                ok("<CreateDBProxyResponse " + NS + "><CreateDBProxyResult><DBProxy>" + PROXY
                        + "</DBProxy></CreateDBProxyResult></CreateDBProxyResponse>"));

        assertThat(aws.after(DESCRIBE, ok(DESCRIBED)).text()).contains("<Status>creating</Status>");
    }

    @Test
    void aDeletedProxyStaysListedAsDeleting() {
        aws.after(DESCRIBE, ok(DESCRIBED));
        aws.after(
                query("rds", "DeleteDBProxy", "DBProxyName=shop-proxy"),
                ok("<DeleteDBProxyResponse " + NS + "><DeleteDBProxyResult><DBProxy>" + PROXY
                        + "</DBProxy></DeleteDBProxyResult></DeleteDBProxyResponse>"));

        AwsAnswer answer = aws.after(
                DESCRIBE,
                error(
                        404,
                        "<ErrorResponse><Error><Code>DBProxyNotFoundFault</Code>"
                                + "<Message>not found</Message></Error></ErrorResponse>"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text())
                .contains("<member", "<DBProxyName>shop-proxy</DBProxyName>", "<Status>deleting</Status>");
    }

    @Test
    void aRegisteredTargetIsRegisteringBeforeItIsAvailable() {
        aws.after(
                query(
                        "rds",
                        "RegisterDBProxyTargets",
                        "DBProxyName=shop-proxy&TargetGroupName=default&DBInstanceIdentifiers.member.1=shop-db"),
                ok("<x/>"));

        assertThat(aws.after(DESCRIBE_TARGETS, ok(TARGETS)).text()).contains("<State>REGISTERING</State>");
        assertThat(new RdsProxyStates(AwsTime.scaled(1))
                        .after(DESCRIBE_TARGETS, ok(TARGETS))
                        .text())
                .as("one registered before, as the emulator has it")
                .contains("<State>AVAILABLE</State>");
    }
}
