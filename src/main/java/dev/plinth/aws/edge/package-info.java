@NullMarked
package dev.plinth.aws.edge;

import org.jspecify.annotations.NullMarked;
