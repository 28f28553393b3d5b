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
}
