package lab.reptile.server.checkpoint;

import java.io.IOException;

/** A stored file that does not verify: its name and what is wrong with it, for logs and error messages. */
public final class DamagedFileException extends IOException {
    public DamagedFileException(String file, String problem) {
        super(file + " is damaged: " + problem);
    }
}
