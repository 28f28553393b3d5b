@NullMarked
package dev.plinth.presets;

import org.jspecify.annotations.NullMarked;
