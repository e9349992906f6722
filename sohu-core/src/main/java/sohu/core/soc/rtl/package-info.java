/** The sequencer's RTL ({@link sohu.core.soc.rtl.Sequencer}). */
package sohu.core.soc.rtl;
