package dev.strata.builder.dockerfile;

import java.util.List;

/** One build stage: its FROM and the instructions that follow it up to the next FROM. */
public record Stage(int index, Instruction.From from, List<Instruction> instructions) {}
