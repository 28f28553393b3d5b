package dev.plinth.environment;

/** The rule for optional sections: present means on, unless it says {@code "enabled": false}. */
final class Sections {

    interface Switchable {
        Boolean enabled();
    }

    private Sections() {}

    static boolean on(Switchable section) {
        return section != null && !Boolean.FALSE.equals(section.enabled());
    }
}
