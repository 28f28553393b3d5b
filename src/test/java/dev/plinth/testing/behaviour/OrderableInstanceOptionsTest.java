package dev.plinth.testing.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderableInstanceOptionsTest {

    private static final AwsCall MICRO = new AwsCall(
            "rds",
            "eu-central-1",
            "DescribeOrderableDBInstanceOptions",
            Protocol.QUERY,
            "POST",
            "/",
            null,
            "Action=DescribeOrderableDBInstanceOptions&Version=2014-10-31"
                    + "&Engine=postgres&DBInstanceClass=db.t4g.micro&Vpc=true");
    /** What the emulator answers for PostgreSQL: nothing. */
    private static final AwsAnswer EMPTY = new AwsAnswer(
            200,
            Map.of(),
            ("<DescribeOrderableDBInstanceOptionsResponse>"
                            + "<DescribeOrderableDBInstanceOptionsResult><OrderableDBInstanceOptions/></DescribeOrderableDBInstanceOptionsResult>"
                            + "</DescribeOrderableDBInstanceOptionsResponse>")
                    .getBytes());

    @Test
    void offersTheClassAskedForInEveryZoneUntilATestWithdrawsIt() {
        var options = new OrderableInstanceOptions();

        String offered = options.after(MICRO, EMPTY).text();
        assertThat(offered)
                .contains(
                        "<Engine>postgres</Engine><DBInstanceClass>db.t4g.micro</DBInstanceClass>",
                        "<Name>eu-central-1a</Name>",
                        "<Name>eu-central-1b</Name>",
                        "<Name>eu-central-1c</Name>");

        options.withdraw("db.t4g.micro", "eu-central-1b");
        assertThat(options.after(MICRO, EMPTY).text())
                .contains("<Name>eu-central-1a</Name>", "<Name>eu-central-1c</Name>")
                .doesNotContain("eu-central-1b");

        options.withdraw("db.t4g.micro");
        assertThat(options.after(MICRO, EMPTY).text()).doesNotContain("<OrderableDBInstanceOption>");

        options.reset();
        assertThat(options.after(MICRO, EMPTY).text()).contains("<Name>eu-central-1b</Name>");
    }

    @Test
    void aListingWithoutAClassHasTheCommonClassesThatAreNotWithdrawn() {
        var options = new OrderableInstanceOptions();
        options.withdraw("db.t4g.micro");
        var everyClass = new AwsCall(
                "rds",
                "eu-central-1",
                "DescribeOrderableDBInstanceOptions",
                Protocol.QUERY,
                "POST",
                "/",
                null,
                "Action=DescribeOrderableDBInstanceOptions&Engine=mysql");

        assertThat(options.after(everyClass, EMPTY).text())
                .contains("<Engine>mysql</Engine><DBInstanceClass>db.t4g.small</DBInstanceClass>")
                .doesNotContain("db.t4g.micro");
    }

    @Test
    void leavesEveryOtherCallAlone() {
        var other = new AwsCall(
                "rds",
                "eu-central-1",
                "DescribeDBInstances",
                Protocol.QUERY,
                "POST",
                "/",
                null,
                "Action=DescribeDBInstances");

        assertThat(new OrderableInstanceOptions().after(other, EMPTY)).isSameAs(EMPTY);
    }
}
