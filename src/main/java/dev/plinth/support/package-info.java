@NullMarked
package dev.plinth.support;

import org.jspecify.annotations.NullMarked;
