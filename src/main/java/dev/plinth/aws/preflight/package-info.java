@NullMarked
package dev.plinth.aws.preflight;

import org.jspecify.annotations.NullMarked;
