package io.motionua.tools.client;

import java.util.concurrent.Callable;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.UaException;
import picocli.CommandLine.Mixin;

/**
 * What every client subcommand shares: the connection options, connecting and disconnecting, and
 * the exit codes: 0 Good, 1 a Bad result (printed as {@code motionua: client: Bad_Name: what}), 2
 * bad options.
 */
abstract class ClientSubcommand implements Callable<Integer> {

  static final int EXIT_BAD_RESULT = 1;

  @Mixin ClientOptions options;

  /** The command's work on a connected session; returns the exit code. */
  abstract int run(OpcUaClient client, Output out) throws ClientFailure, UaException;

  @Override
  public Integer call() {
    options.validate();
    Output out = new Output(options.json, System.out);
    OpcUaClient client = null;
    try {
      client = options.connect();
      return run(client, out);
    } catch (ClientFailure e) {
      return fail(e);
    } catch (UaException e) {
      return fail(ClientFailure.of(e));
    } finally {
      if (client != null) {
        try {
          client.disconnect();
        } catch (UaException e) {
          // the session ends with the process anyway
        }
      }
    }
  }

  static int fail(ClientFailure e) {
    System.err.println("motionua: client: " + e.line());
    return EXIT_BAD_RESULT;
  }
}
