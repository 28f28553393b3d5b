/** The AWS side: the handlers' shared bases, clients, errors and the graph planner. */
@NullMarked
package dev.plinth.aws;

import org.jspecify.annotations.NullMarked;
