package dev.plinth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourceKindTest {

    @Test
    void aKindIsATypeNameAsCloudFormationWritesIt() {
        assertThat(ResourceKind.of("AWS::EC2::VPC").name()).isEqualTo("AWS::EC2::VPC");
        assertThat(ResourceKind.of("AWS::ECS::Service")).hasToString("AWS::ECS::Service");
        assertThat(ResourceKind.of("AWS::RDS::DBInstance")).isEqualTo(ResourceKind.of("AWS::RDS::DBInstance"));
    }

    @Test
    void anythingElseIsRefused() {
        for (String name : new String[] {"", "vpc", "AWS::", "AWS::EC2::", "AWS:EC2:VPC", "AWS::EC2::VPC "}) {
            assertThatThrownBy(() -> ResourceKind.of(name))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a resource type");
        }
    }
}
