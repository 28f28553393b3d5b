@NullMarked
package dev.plinth;

import org.jspecify.annotations.NullMarked;
