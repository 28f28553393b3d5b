@NullMarked
package dev.plinth.engine;

import org.jspecify.annotations.NullMarked;
