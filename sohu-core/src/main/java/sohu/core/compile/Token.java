package sohu.core.compile;

/**
 * One token of a step, in batch order.
 *
 * @param sequence its sequence
 * @param position its position in the sequence
 * @param id       its token id
 */
record Token(int sequence, int position, int id) { }
