package dev.plinth.aws.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotaUseTest {

    @Test
    void fillingAQuotaExactlyFitsAndOneMoreCrossesIt() {
        assertThat(new QuotaUse(AccountQuota.VPCS, "eu-central-1", 5, 4, 1, "vpc").finding())
                .isEmpty();

        Finding crossed = new QuotaUse(AccountQuota.VPCS, "eu-central-1", 5, 5, 1, "vpc")
                .finding()
                .orElseThrow();

        assertThat(crossed.type()).isEqualTo(Finding.Type.QUOTA);
        assertThat(crossed.resource()).isEqualTo("vpc");
        assertThat(crossed.found())
                .isEqualTo("5 of 5 VPCs per Region used in eu-central-1; this environment needs 1 more");
        assertThat(crossed.fix())
                .isEqualTo("request a quota increase for L-F678F1CE (service vpc) in eu-central-1 to 6 or more,"
                        + " or delete a VPC that is no longer used");
    }

    @Test
    void whatTheEnvironmentNeedsCountsWholeAgainstTheRoomLeft() {
        QuotaUse twoNeededOneLeft = new QuotaUse(AccountQuota.ELASTIC_IPS, "eu-west-1", 5, 4, 2, "eip/eu-west-1a");

        assertThat(twoNeededOneLeft.crossed()).isTrue();
        assertThat(twoNeededOneLeft.finding().orElseThrow().fix())
                .contains("L-0263D0A3 (service ec2) in eu-west-1 to 6 or more");
        assertThat(new QuotaUse(AccountQuota.ELASTIC_IPS, "eu-west-1", 5, 3, 2, "eip/eu-west-1a").crossed())
                .isFalse();
    }

    @Test
    void aQuotaAlreadyOverItsValueIsCrossedByAnyMore() {
        // a quota lowered below what the account holds: Service Quotas allows it, creates then fail
        assertThat(new QuotaUse(AccountQuota.DB_INSTANCES, "us-east-1", 2, 3, 1, "database/instance").finding())
                .get()
                .extracting(Finding::found)
                .isEqualTo("3 of 2 DB instances used in us-east-1; this environment needs 1 more");
    }

    @Test
    void aPerZoneQuotaIsCountedInItsZoneAndRaisedInItsRegion() {
        Finding finding = new QuotaUse(AccountQuota.NAT_GATEWAYS, "eu-central-1b", 5, 5, 1, "nat-gateway/eu-central-1b")
                .finding()
                .orElseThrow();

        assertThat(finding.found())
                .isEqualTo(
                        "5 of 5 NAT gateways per Availability Zone used in eu-central-1b; this environment needs 1 more");
        assertThat(finding.fix())
                .startsWith("request a quota increase for L-FE5A380F (service vpc) in eu-central-1 to 6 or more");
    }

    @Test
    void aFractionalQuotaValueIsShownAsServiceQuotasGivesIt() {
        assertThat(new QuotaUse(AccountQuota.LOAD_BALANCERS, "eu-central-1", 2.5, 2, 1, "load-balancer").finding())
                .get()
                .extracting(Finding::found)
                .asString()
                .startsWith("2 of 2.5 Application Load Balancers per Region");
    }
}
