package dev.strata.builder.registry;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where the body of a successful response goes when it is streamed rather than held. */
interface BodySink {

  void write(ByteBuffer bytes) throws IOException;

  /**
   * Prepares for another attempt after a failure mid-body; false when bytes already handed on
   * cannot be taken back, and the request must then not be retried.
   */
  boolean restart() throws IOException;
}
