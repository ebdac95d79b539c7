package io.flinks4j.sandbox.data;

import java.time.LocalDate;

/**
 * One posted transaction. Amounts are in cents: {@code amountCents} is positive for a credit and
 * negative for a debit, {@code balanceCents} is the account balance right after it.
 */
public record Transaction(
    LocalDate date, String description, long amountCents, long balanceCents, String id) {}
