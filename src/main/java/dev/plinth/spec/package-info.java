@NullMarked
package dev.plinth.spec;

import org.jspecify.annotations.NullMarked;
