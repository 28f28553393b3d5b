@NullMarked
package dev.plinth.cost;

import org.jspecify.annotations.NullMarked;
