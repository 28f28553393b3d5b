package dev.plinth.api;

import java.util.List;

/** A list answer: {@code {"items": [...]}}, so fields can be added beside the items later. */
record Items<T>(List<T> items) {}
