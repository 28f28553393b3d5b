package dev.plinth.aws.preflight;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * One read of the account and what it finds.
 *
 * @param resource what it is about, for the finding when the read fails
 * @param read     what it reads, for a person: {@code read quota L-F678F1CE (VPCs per Region)}
 */
record Check(String resource, String read, Callable<List<Finding>> work) {}
