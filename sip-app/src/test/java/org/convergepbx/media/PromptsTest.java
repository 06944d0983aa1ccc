package org.convergepbx.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptsTest {
  @Test
  void everyNamedPromptAndDigitIsShippedAndSpoken() throws IllegalAccessException {
    List<String> names = new ArrayList<>();
    for (Field f : Prompts.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        names.add((String) f.get(null));
      }
    }
    assertTrue(names.size() >= 15, names.toString());
    for (String name : names) {
      short[] samples = Tones.samples(Prompts.get(name));
      assertTrue(samples.length > 4000, name + " lasts at least half a second: " + samples.length);
      assertTrue(rms(samples) > 300, name + " is not silence");
    }
    assertTrue(Prompts.digits("1001").length > 4 * 8000, "four digits are said");
    assertEquals(Prompts.get("digit-7").length, Prompts.digits("7a").length, "only digits are said");
  }

  @Test
  void theSourceListAndTheShippedFilesAgree() throws IOException {
    Path list = Path.of("src/main/prompts/prompts.txt");
    long lines = Files.readAllLines(list).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    try (var files = Files.list(Path.of("src/main/resources/prompts"))) {
      assertEquals(lines + 1, files.filter(p -> p.toString().endsWith(".wav")).count(),
          "run make-prompts.sh (every spoken prompt, and the music)");
    }
  }

  @Test
  void anUnknownPromptIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> Prompts.get("no-such-prompt"));
  }

  private static double rms(short[] samples) {
    double sum = 0;
    for (short s : samples) {
      sum += (double) s * s;
    }
    return Math.sqrt(sum / samples.length);
  }
}
