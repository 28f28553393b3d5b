@NullMarked
package dev.plinth.environment;

import org.jspecify.annotations.NullMarked;
