package dev.plinth.spec;

import org.jspecify.annotations.Nullable;
import org.springframework.lang.Contract;

/** The rule for optional sections: present means on, unless it says {@code "enabled": false}. */
final class Sections {

    interface Switchable {
        @Nullable
        Boolean enabled();
    }

    private Sections() {}

    @Contract("null -> false")
    static boolean on(@Nullable Switchable section) {
        return section != null && !Boolean.FALSE.equals(section.enabled());
    }
}
