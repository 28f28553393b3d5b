package dev.plinth.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4BlockTest {

    private static Ipv4Block block(String text) {
        return Ipv4Block.parse(text).orElseThrow();
    }

    @ParameterizedTest(name = "{0} -> address {1}, /{2}")
    @CsvSource({
        "10.42.0.0/16,       170524672,  16",
        "0.0.0.0/0,          0,          0",
        "255.255.255.255/32, 4294967295, 32",
        "192.168.1.7/24,     3232235783, 24",
    })
    void parsesDottedQuadWithPrefix(String text, long address, int prefix) {
        assertThat(Ipv4Block.parse(text)).contains(new Ipv4Block(address, prefix));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is not a block")
    @NullSource
    @ValueSource(
            strings = {
                "",
                "garbage",
                "10.42.0.0",
                "10.42.0/16",
                "10.42.0.0/",
                "256.0.0.0/16",
                "10.0.0.300/24",
                "10.42.0.0/33",
                "10.42.0.0/99",
                "1000.0.0.0/8",
                " 10.42.0.0/16",
                "10.42.0.0/16 ",
                "-1.0.0.0/8",
            })
    void rejectsTextThatIsNotABlock(String text) {
        assertThat(Ipv4Block.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0} round trips")
    @ValueSource(strings = {"10.42.0.0/16", "0.0.0.0/0", "255.255.255.255/32", "172.16.5.9/12", "192.168.0.128/25"})
    void toStringRoundTrips(String text) {
        assertThat(block(text)).hasToString(text);
        assertThat(block(block(text).toString())).isEqualTo(block(text));
    }

    @ParameterizedTest(name = "{0}: network address {1}, network {2}")
    @CsvSource({
        "10.42.0.0/16,    true,  10.42.0.0/16",
        "10.42.1.0/16,    false, 10.42.0.0/16",
        "10.42.0.1/31,    false, 10.42.0.0/31",
        "10.42.0.1/32,    true,  10.42.0.1/32",
        "10.42.7.9/0,     false, 0.0.0.0/0",
        "192.168.1.130/25, false, 192.168.1.128/25",
    })
    void networkClearsTheBitsBelowThePrefix(String text, boolean isNetworkAddress, String network) {
        assertThat(block(text).isNetworkAddress()).isEqualTo(isNetworkAddress);
        assertThat(block(text).network()).hasToString(network);
        assertThat(block(text).network().isNetworkAddress()).isTrue();
    }

    @ParameterizedTest(name = "{0} private: {1}")
    @CsvSource({
        "10.0.0.0/8,        true",
        "10.255.255.0/24,   true",
        "9.255.255.255/32,  false",
        "11.0.0.0/16,       false",
        "10.0.0.0/7,        false",
        "172.16.0.0/12,     true",
        "172.31.255.0/24,   true",
        "172.15.0.0/16,     false",
        "172.32.0.0/16,     false",
        "172.16.0.0/11,     false",
        "192.168.0.0/16,    true",
        "192.168.255.0/24,  true",
        "192.167.0.0/16,    false",
        "192.169.0.0/16,    false",
        "192.168.0.0/15,    false",
        "8.8.8.0/24,        false",
    })
    void isPrivateOnlyWhenTheWholeBlockIsInAnRfc1918Range(String text, boolean isPrivate) {
        assertThat(block(text).isPrivate()).isEqualTo(isPrivate);
    }

    @ParameterizedTest(name = "{0} subnet({1}, {2}) = {3}")
    @CsvSource({
        "10.42.0.0/16, 3, 0, 10.42.0.0/19",
        "10.42.0.0/16, 3, 1, 10.42.32.0/19",
        "10.42.0.0/16, 3, 4, 10.42.128.0/19",
        "10.42.0.0/16, 3, 7, 10.42.224.0/19",
        "10.42.0.0/16, 0, 0, 10.42.0.0/16",
        "10.42.0.0/16, 8, 255, 10.42.255.0/24",
        "192.168.1.0/24, 3, 7, 192.168.1.224/27",
        "10.0.0.0/8, 24, 1, 10.0.0.1/32",
        "0.0.0.0/0, 31, 0, 0.0.0.0/31",
        "0.0.0.0/0, 32, 1, 0.0.0.1/32",
    })
    void subnetIsTheIndexthBlockOfTheLongerPrefix(String parent, int extraBits, int index, String expected) {
        assertThat(block(parent).subnet(extraBits, index)).hasToString(expected);
    }

    @ParameterizedTest(name = "{0} has no subnet({1}, {2})")
    @CsvSource({
        "10.42.0.0/16, 3, 8",
        "10.42.0.0/16, 3, -1",
        "10.42.0.0/16, 0, 1",
        "10.42.0.0/16, 17, 0",
        "192.168.1.0/24, 9, 0",
        "10.42.0.1/32, 1, 0",
    })
    void subnetOutsideTheBlockIsRejected(String parent, int extraBits, int index) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> block(parent).subnet(extraBits, index))
                .withMessageContaining("no subnet " + index);
    }

    @ParameterizedTest(name = "new Ipv4Block({0}, {1}) is rejected")
    @CsvSource({"-1, 8", "4294967296, 8", "0, -1", "0, 33"})
    void constructorRejectsOutOfRangeValues(long address, int prefix) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Ipv4Block(address, prefix));
    }
}
