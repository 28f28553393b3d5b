@NullMarked
package dev.plinth.security;

import org.jspecify.annotations.NullMarked;
