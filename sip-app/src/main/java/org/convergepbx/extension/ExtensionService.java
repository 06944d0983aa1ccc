package org.convergepbx.extension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.convergepbx.common.ConflictException;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.registrar.LocationService;
import org.convergepbx.security.DigestAlgorithm;
import org.convergepbx.security.PasswordHasher;

/**
 * Provisioning of extensions. Every change is validated as a whole before anything is written, so a refused
 * request leaves what is stored untouched; a bulk import is all-or-nothing.
 */
public final class ExtensionService {
  private final ExtensionRepository repository;
  private final LocationService locations;
  private final String realm;
  private final Clock clock;
  private final Predicate<String> numberTakenElsewhere;

  /**
   * @param numberTakenElsewhere whether another feature (a ring group, ...) already has a number: extensions
   *     and those share one dial plan
   */
  public ExtensionService(
      ExtensionRepository repository,
      LocationService locations,
      String realm,
      Clock clock,
      Predicate<String> numberTakenElsewhere) {
    this.repository = repository;
    this.locations = locations;
    this.realm = realm;
    this.clock = clock;
    this.numberTakenElsewhere = numberTakenElsewhere;
  }

  public List<Extension> list() {
    return repository.findAll();
  }

  public Optional<Extension> find(String number) {
    return repository.find(number);
  }

  public Extension create(ExtensionDraft draft) {
    return createAll(List.of(draft), false).get(0);
  }

  /**
   * Replaces an extension's name, e-mail and voicemail PIN; the secret changes only when the draft has one.
   *
   * @throws NotFoundException when the extension does not exist
   */
  public Extension update(String number, ExtensionDraft draft) {
    if (draft.number() != null && !draft.number().equals(number)) {
      throw new InvalidInputException("number", "number cannot be changed (it is the address of record)");
    }
    ExtensionDraft withNumber =
        new ExtensionDraft(number, draft.name(), draft.secret(), draft.email(), draft.voicemailPin());
    ExtensionRules.validate(withNumber, false);
    Extension existing =
        repository.find(number).orElseThrow(() -> new NotFoundException("no extension " + number));
    apply(existing, withNumber);
    repository.saveAll(List.of(existing));
    return existing;
  }

  /**
   * Whether {@code secret} is the extension's SIP secret (compared through its digest HA1, in constant time):
   * how an extension's owner proves who they are to the HTTP API (their own voicemail).
   */
  public boolean checkSecret(String number, String secret) {
    byte[] offered = DigestAlgorithm.MD5.ha1(number, realm, secret).getBytes(StandardCharsets.US_ASCII);
    return repository
        .find(number)
        .filter(e -> realm.equals(e.realm()))
        .map(e -> MessageDigest.isEqual(offered, e.ha1(DigestAlgorithm.MD5).getBytes(StandardCharsets.US_ASCII)))
        .orElse(false);
  }

  /** Deletes an extension and its registrations. */
  public void delete(String number) {
    if (!repository.delete(number)) {
      throw new NotFoundException("no extension " + number);
    }
    locations.removeAll(number);
  }

  /**
   * Creates every extension of {@code drafts} or none: the first invalid draft is reported with its index
   * ({@code [3].secret}), and a number already stored or repeated in the batch is a conflict.
   */
  public List<Extension> importAll(List<ExtensionDraft> drafts) {
    if (drafts.isEmpty()) {
      throw new InvalidInputException("extensions", "nothing to import");
    }
    return createAll(drafts, true);
  }

  private List<Extension> createAll(List<ExtensionDraft> drafts, boolean indexed) {
    Set<String> seen = new HashSet<>();
    List<Extension> created = new ArrayList<>(drafts.size());
    for (int i = 0; i < drafts.size(); i++) {
      ExtensionDraft d = drafts.get(i);
      String prefix = indexed ? "[" + i + "]." : "";
      try {
        ExtensionRules.validate(d, true);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(prefix + e.field(), prefixed(prefix, e.getMessage()));
      }
      if (!seen.add(d.number()) || repository.exists(d.number())) {
        throw new ConflictException(
            prefix + "number", "extension " + d.number() + " already exists");
      }
      if (numberTakenElsewhere.test(d.number())) {
        throw new ConflictException(prefix + "number", d.number() + " is already the number of a ring group");
      }
      Extension e = new Extension(d.number(), clock.instant());
      apply(e, d);
      created.add(e);
    }
    repository.saveAll(created);
    return created;
  }

  private void apply(Extension e, ExtensionDraft d) {
    e.rename(d.name().trim());
    if (d.secret() != null) {
      e.setCredentials(
          realm,
          DigestAlgorithm.MD5.ha1(e.number(), realm, d.secret()),
          DigestAlgorithm.SHA_256.ha1(e.number(), realm, d.secret()));
    }
    e.setEmail(d.email());
    e.setVoicemailPinHash(d.voicemailPin() == null ? null : PasswordHasher.hash(d.voicemailPin()));
    e.touch(clock.instant());
  }

  private static String prefixed(String prefix, String message) {
    return prefix.isEmpty() ? message : prefix + message;
  }
}
