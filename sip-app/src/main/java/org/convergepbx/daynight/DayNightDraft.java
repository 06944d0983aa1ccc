package org.convergepbx.daynight;

/**
 * A Day/Night control as sent over HTTP, before validation.
 *
 * @param description free text
 * @param dayDestination where calls go in day mode
 * @param nightDestination where calls go in night mode
 * @param pin digits a phone must dial after {@code *28n*} to toggle it, or null
 * @param timeGroup the time group that schedules it (day while it matches), or null
 */
public record DayNightDraft(
    String description, String dayDestination, String nightDestination, String pin, String timeGroup) {}
