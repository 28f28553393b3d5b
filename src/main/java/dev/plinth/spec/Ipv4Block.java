package dev.plinth.spec;

import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 CIDR block, such as {@code 10.42.0.0/16}. */
public record Ipv4Block(long address, int prefixLength) {

    private static final Pattern SYNTAX =
            Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public Ipv4Block {
        if (prefixLength < 0 || prefixLength > 32 || address < 0 || address > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not an IPv4 block: " + address + "/" + prefixLength);
        }
    }

    /** Parses dotted-quad/prefix notation; empty when the text is not one. */
    public static Optional<Ipv4Block> parse(String text) {
        var m = text == null ? null : SYNTAX.matcher(text);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return Optional.empty();
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        return prefix > 32 ? Optional.empty() : Optional.of(new Ipv4Block(address, prefix));
    }

    /** True when no bit below the prefix is set (10.42.0.0/16, not 10.42.1.0/16). */
    public boolean isNetworkAddress() {
        return (address & ~mask() & 0xFFFF_FFFFL) == 0;
    }

    /** The same block with every bit below the prefix cleared. */
    public Ipv4Block network() {
        return new Ipv4Block(address & mask(), prefixLength);
    }

    /** True when the whole block lies in one of the RFC 1918 private ranges. */
    public boolean isPrivate() {
        return within("10.0.0.0/8") || within("172.16.0.0/12") || within("192.168.0.0/16");
    }

    /** The {@code index}-th block of {@code prefixLength + extraBits} inside this one. */
    public Ipv4Block subnet(int extraBits, int index) {
        int prefix = prefixLength + extraBits;
        if (index < 0 || prefix > 32 || index >= (1L << extraBits)) {
            throw new IllegalArgumentException("no subnet " + index + " of /" + prefix + " in " + this);
        }
        long size = 1L << (32 - prefix);
        return new Ipv4Block(address + index * size, prefix);
    }

    private boolean within(String range) {
        Ipv4Block outer = parse(range).orElseThrow();
        return prefixLength >= outer.prefixLength && (address & outer.mask()) == outer.address;
    }

    private long mask() {
        return prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
    }

    @Override
    public String toString() {
        return ((address >> 24) & 0xFF) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "."
                + (address & 0xFF) + "/" + prefixLength;
    }
}
