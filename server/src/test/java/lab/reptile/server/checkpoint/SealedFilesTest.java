package lab.reptile.server.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedFilesTest {
    private static final byte[] JSON = "{\"layers\": [0.125, -3.5, 17]}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void readsBackWhatItWroteVerified() throws Exception {
        Path file = dir.resolve("a.json");
        SealedFiles.write(file, JSON);
        SealedFiles.Content content = SealedFiles.read(file);
        assertArrayEquals(JSON, content.bytes());
        assertTrue(content.sealed());
        assertTrue(Files.readString(file).startsWith("reptile-sealed-v1 sha256="), Files.readString(file));
    }

    @Test
    void aTruncatedFileIsDamagedAtAnyLength() throws Exception {
        byte[] sealed = SealedFiles.seal(JSON);
        for (int length = 0; length < sealed.length; length++) {
            byte[] cut = Arrays.copyOf(sealed, length);
            DamagedFileException e = assertThrows(DamagedFileException.class, () -> SealedFiles.open(cut, "s.json"),
                    "cut to " + length + " bytes");
            assertTrue(e.getMessage().startsWith("s.json is damaged: "), e.getMessage());
        }
        assertEquals("s.json is damaged: it holds " + (JSON.length - 1) + " bytes of content, its header says "
                + JSON.length + " (truncated or appended to)", assertThrows(DamagedFileException.class,
                () -> SealedFiles.open(Arrays.copyOf(sealed, sealed.length - 1), "s.json")).getMessage());
    }

    @Test
    void aFlippedDigitIsDamaged() {
        byte[] sealed = SealedFiles.seal(JSON);
        int digit = sealed.length - 4; // the 1 of 17
        assertEquals('1', sealed[digit]);
        sealed[digit] = '2';
        assertEquals("s.json is damaged: its content does not match its SHA-256 (changed on disk)",
                assertThrows(DamagedFileException.class, () -> SealedFiles.open(sealed, "s.json")).getMessage());
    }

    @Test
    void anOlderUnsealedJsonFileReadsAsItIsAndSaysSo() throws Exception {
        SealedFiles.Content content = SealedFiles.open(JSON, "old.json");
        assertArrayEquals(JSON, content.bytes());
        assertFalse(content.sealed());
        assertThrows(DamagedFileException.class, () -> SealedFiles.open("garbage".getBytes(StandardCharsets.UTF_8),
                "g.json"));
    }
}
