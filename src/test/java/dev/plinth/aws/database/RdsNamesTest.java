package dev.plinth.aws.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RdsNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "db-pg-database-instance, db-pg-database-instance",
        "shop--staging-database-proxy, shop-staging-database-proxy",
        "Shop_Staging.database, shop-staging-database",
        "9lives-database-instance, db-9lives-database-instance",
        "abc-, abc",
        "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z-0123456789-database-instance, a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z-0123456789",
        "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z-01234567-x-database, a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z-01234567-x",
    })
    void namesAreValidRdsIdentifiers(String name, String expected) {
        String identifier = RdsNames.of(name);

        assertThat(identifier).isEqualTo(expected);
        assertThat(identifier).hasSizeLessThanOrEqualTo(63).matches("[a-z]([a-z0-9]|-(?=[a-z0-9]))*");
    }

    @ParameterizedTest(name = "{0} of {1} -> {2}")
    @CsvSource({
        "shop-staging-database-instance, 1a2b3c4d-0000-4000-8000-000000000000, shop-staging-database-instance-final-1a2b3c4d",
        "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z-0123456789, F00DCAFE-1234-4000-8000-000000000000, a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z-0123456789-final-f00dcafe",
    })
    void finalSnapshotsAreValidSnapshotIdentifiers(String instance, String environmentId, String expected) {
        String snapshot = RdsNames.finalSnapshot(instance, environmentId);

        assertThat(snapshot).isEqualTo(expected);
        // RDS: 1 to 255 letters, digits and hyphens, starting with a letter, no two hyphens in a row, none at the end
        assertThat(snapshot).hasSizeLessThanOrEqualTo(255).matches("[a-z]([a-z0-9]|-(?=[a-z0-9]))*");
    }
}
