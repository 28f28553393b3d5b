@NullMarked
package dev.plinth.aws.orphans;

import org.jspecify.annotations.NullMarked;
