package dev.plinth.aws.database;

import static dev.plinth.testing.EnvironmentNames.assertKeeps;
import static dev.plinth.testing.EnvironmentNames.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.EnvironmentNames;
import dev.plinth.testing.behaviour.NameRules;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The data layer's names keep RDS's and DynamoDB's rules, whatever the environment is called. */
class DatabaseNamesTest {

    private static final String ID = "1a2b3c4d-0000-4000-8000-000000000000";

    @Property
    void rdsAndDynamoDbNamesKeepTheirRules(@ForAll("names") String name, @ForAll("ids") String id) {
        String instance = RdsNames.of(context(DataLayer.INSTANCE, name, id));
        assertKeeps(NameRules.DB_INSTANCE, instance);
        assertKeeps(NameRules.DB_SNAPSHOT, RdsNames.finalSnapshot(instance, id));
        assertKeeps(NameRules.DB_SUBNET_GROUP, RdsNames.of(context(DataLayer.SUBNET_GROUP, name, id)));
        assertKeeps(NameRules.DB_PROXY, RdsNames.of(context(DataLayer.PROXY, name, id)));
        assertKeeps(NameRules.DYNAMODB_TABLE, DynamoDbTableHandler.name(context(DataLayer.TABLE, name, id)));
    }

    /** RDS names are unique per account and region: {@code shop--a} and {@code shop-a} may both be live. */
    @Property
    void aNameWithRunsOfHyphensNeverMeetsTheNameWithout(
            @ForAll("namesWithRunsOfHyphens") String name, @ForAll("ids") String id, @ForAll("ids") String other) {
        String collapsed = name.replaceAll("-{2,}", "-");
        assertThat(RdsNames.of(context(DataLayer.INSTANCE, name, id)))
                .isNotEqualTo(RdsNames.of(context(DataLayer.INSTANCE, collapsed, other)));
    }

    @Example
    void aValidNameStaysAsItWasAndAnInvalidOneCarriesTheEnvironmentId() {
        assertThat(RdsNames.of(context(DataLayer.INSTANCE, "shop-a", ID))).isEqualTo("shop-a-database-instance");
        assertThat(RdsNames.of(context(DataLayer.INSTANCE, "shop--a", ID)))
                .isEqualTo("shop-a-database-instance-1a2b3c4d");
    }

    @Provide
    Arbitrary<String> names() {
        return EnvironmentNames.accepted();
    }

    @Provide
    Arbitrary<String> namesWithRunsOfHyphens() {
        return EnvironmentNames.accepted().filter(name -> name.contains("--"));
    }

    @Provide
    Arbitrary<String> ids() {
        return EnvironmentNames.ids();
    }
}
