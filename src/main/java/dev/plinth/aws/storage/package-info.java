@NullMarked
package dev.plinth.aws.storage;

import org.jspecify.annotations.NullMarked;
