/**
 * The project's one way to run an external tool ({@link sohu.hdl.exec.ExternalCommand}) and to delete a
 * folder tree ({@link sohu.hdl.exec.FileTrees}). Plain {@link java.lang.ProcessBuilder}, so
 * hdl-dsl stays free of dependencies.
 */
package sohu.hdl.exec;
