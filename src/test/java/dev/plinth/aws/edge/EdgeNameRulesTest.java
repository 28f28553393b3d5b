package dev.plinth.aws.edge;

import static dev.plinth.testing.EnvironmentNames.assertKeeps;
import static dev.plinth.testing.EnvironmentNames.context;

import dev.plinth.testing.EnvironmentNames;
import dev.plinth.testing.behaviour.NameRules;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The bucket's, origin access control's and distribution's names keep S3's and CloudFront's rules, whatever the environment is called. */
class EdgeNameRulesTest {

    @Property
    void bucketOriginAccessControlAndCommentKeepTheirRules(@ForAll("names") String name, @ForAll("ids") String id) {
        assertKeeps(NameRules.BUCKET, Edge.bucketName(name, id));
        assertKeeps(
                NameRules.ORIGIN_ACCESS_CONTROL,
                Edge.originAccessControlName(context(EdgeLayer.ORIGIN_ACCESS_CONTROL, name, id)));
        assertKeeps(NameRules.DISTRIBUTION_COMMENT, Edge.comment(context(EdgeLayer.DISTRIBUTION, name, id)));
    }

    @Provide
    Arbitrary<String> names() {
        return EnvironmentNames.accepted();
    }

    @Provide
    Arbitrary<String> ids() {
        return EnvironmentNames.ids();
    }
}
