package dev.plinth.aws.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrincipalTest {

    @Test
    void aRoleSessionIsSimulatedAsItsRole() {
        Principal session = new Principal(
                "arn:aws:sts::123456789012:assumed-role/eks-plinth-production/botocore-session-1", "123456789012");

        assertThat(session.simulatable()).contains("arn:aws:iam::123456789012:role/eks-plinth-production");
        assertThat(session.isRoot()).isFalse();
    }

    @Test
    void aUserIsSimulatedAsItselfInItsPartition() {
        assertThat(new Principal("arn:aws-cn:iam::123456789012:user/ops/plinth", "123456789012").simulatable())
                .contains("arn:aws-cn:iam::123456789012:user/ops/plinth");
        // the emulator names its default caller with an STS ARN
        assertThat(new Principal("arn:aws:sts::123456789012:user/moto", "123456789012").simulatable())
                .contains("arn:aws:iam::123456789012:user/moto");
    }

    @Test
    void theRootUserAndFederatedUsersAreNotSimulated() {
        Principal root = new Principal("arn:aws:iam::123456789012:root", "123456789012");
        assertThat(root.simulatable()).isEmpty();
        assertThat(root.isRoot()).isTrue();
        assertThat(new Principal("arn:aws:sts::123456789012:federated-user/alice", "123456789012").simulatable())
                .isEmpty();
    }
}
