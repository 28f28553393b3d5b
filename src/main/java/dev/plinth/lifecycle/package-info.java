@NullMarked
package dev.plinth.lifecycle;

import org.jspecify.annotations.NullMarked;
