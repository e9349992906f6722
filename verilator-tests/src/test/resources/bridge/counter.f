# file list for the counter design
incr.sv
counter.sv
