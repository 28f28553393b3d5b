@NullMarked
package dev.plinth.api;

import org.jspecify.annotations.NullMarked;
