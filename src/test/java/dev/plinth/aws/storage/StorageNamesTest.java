package dev.plinth.aws.storage;

import static dev.plinth.testing.EnvironmentNames.assertKeeps;
import static dev.plinth.testing.EnvironmentNames.context;

import dev.plinth.testing.EnvironmentNames;
import dev.plinth.testing.behaviour.NameRules;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The file system's creation token and the access point's client token keep EFS's rule, whatever the environment is called. */
class StorageNamesTest {

    @Property
    void efsTokensKeepTheirRule(@ForAll("names") String name, @ForAll("ids") String id) {
        assertKeeps(
                NameRules.EFS_TOKEN, context(StorageLayer.FILE_SYSTEM, name, id).idempotencyToken());
        assertKeeps(
                NameRules.EFS_TOKEN,
                context(StorageLayer.ACCESS_POINT, name, id).idempotencyToken());
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
