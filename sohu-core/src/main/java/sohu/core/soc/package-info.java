/**
 * The SohuCore's glue: the sequencer that hands a program's instructions to the load, compute and
 * store queues and orders them by dependency tokens (docs/ISA.md), its configuration and, in
 * {@code rtl}, its hardware.
 */
package sohu.core.soc;
