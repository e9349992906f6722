# Stand-ins for the SDC/XDC commands the generator writes, for tclsh. Every command records
# its call in ::sohu_log and checks its objects: each port named to get_ports must exist (a
# bus as name[*], a scalar bare), each clock named to get_clocks must have been created, no
# I/O delay may land on a clock's source port, and [all_inputs]/[all_outputs] are refused.
#
# Use: set ::sohu_ports to a dict  name -> {input|output width}, source this file, source the
# constraint file, then call sohu_dump to print one record per line.

set ::sohu_log {}
set ::sohu_clocks [dict create]

proc sohu_fail {msg} { error "constraint check failed: $msg" }
proc sohu_rec {args} { lappend ::sohu_log $args }

proc sohu_number {what v} {
    if {![string is double -strict $v] || $v < 0} { sohu_fail "$what: '$v' is not a non-negative number" }
    return $v
}

# An object is a two-element list: {PORTS names} or {CLOCKS names}.
proc sohu_objects {kind obj} {
    if {[llength $obj] != 2 || [lindex $obj 0] ne $kind} { sohu_fail "expected a $kind object, got '$obj'" }
    return [lindex $obj 1]
}

proc get_ports {args} {
    if {[llength $args] != 1} { sohu_fail "get_ports takes one list of names, got '$args'" }
    set names {}
    foreach p [lindex $args 0] {
        if {[regexp {^([A-Za-z_][A-Za-z0-9_]*)\[\*\]$} $p -> base]} {
            if {![dict exists $::sohu_ports $base]} { sohu_fail "get_ports: no port '$base' (named as '$p')" }
            if {[lindex [dict get $::sohu_ports $base] 1] < 2} { sohu_fail "get_ports: '$base' is a scalar, named as a bus" }
            lappend names $base
        } elseif {[dict exists $::sohu_ports $p]} {
            if {[lindex [dict get $::sohu_ports $p] 1] > 1} { sohu_fail "get_ports: bus '$p' must be named '$p\[*\]'" }
            lappend names $p
        } else {
            sohu_fail "get_ports: no port matches '$p'"
        }
    }
    if {[llength $names] == 0} { sohu_fail "get_ports: empty list" }
    return [list PORTS $names]
}

proc get_clocks {args} {
    if {[lindex $args 0] eq "-of_objects"} {
        # Vivado: the clocks whose source is one of these ports, whoever created them.
        if {[llength $args] != 2} { sohu_fail "get_clocks -of_objects takes one object, got '$args'" }
        set found {}
        foreach p [sohu_objects PORTS [lindex $args 1]] {
            dict for {cn info} $::sohu_clocks {
                if {$p in [lindex $info 1]} { lappend found $cn }
            }
        }
        if {[llength $found] == 0} { sohu_fail "get_clocks -of_objects: no clock on '[lindex $args 1]'" }
        return [list CLOCKS $found]
    }
    if {[llength $args] != 1} { sohu_fail "get_clocks takes one list of names, got '$args'" }
    foreach c [lindex $args 0] {
        if {![dict exists $::sohu_clocks $c]} { sohu_fail "get_clocks: no clock '$c' has been created" }
    }
    return [list CLOCKS [lindex $args 0]]
}

# Records "clock_groups asynchronous g1 g2 ..." (a group of several clocks joined by commas);
# every clock in one group at most, at least two groups.
proc set_clock_groups {args} {
    set kind {}
    set groups {}
    set seen {}
    while {[llength $args]} {
        set args [lassign $args a]
        switch -- $a {
            -asynchronous - -logically_exclusive - -physically_exclusive { set kind [string range $a 1 end] }
            -name { set args [lassign $args _] }
            -group {
                set args [lassign $args g]
                set clocks [sohu_objects CLOCKS $g]
                foreach c $clocks {
                    if {$c in $seen} { sohu_fail "set_clock_groups: clock '$c' in two groups" }
                    lappend seen $c
                }
                lappend groups [join $clocks ,]
            }
            default { sohu_fail "set_clock_groups: unexpected '$a'" }
        }
    }
    if {$kind eq ""} { sohu_fail "set_clock_groups needs -asynchronous (or an exclusive kind)" }
    if {[llength $groups] < 2} { sohu_fail "set_clock_groups needs at least two groups, got '$groups'" }
    sohu_rec clock_groups $kind {*}$groups
}

proc all_inputs {args} { sohu_fail "all_inputs includes the clock port: name the ports" }
proc all_outputs {args} { sohu_fail "all_outputs: name the ports" }

proc set_units {args} {
    foreach {opt val} $args {
        if {$opt ne "-time"} { sohu_fail "set_units: unexpected option '$opt'" }
        if {$val ne "ns"} { sohu_fail "set_units: time unit '$val', expected ns" }
        sohu_rec units time $val
    }
}

proc create_clock {args} {
    set name {}
    set period {}
    set src {}
    while {[llength $args]} {
        set args [lassign $args a]
        switch -- $a {
            -name     { set args [lassign $args name] }
            -period   { set args [lassign $args period] }
            -waveform { set args [lassign $args _] }
            default   { set src [sohu_objects PORTS $a] }
        }
    }
    if {$period eq "" || [sohu_number create_clock $period] <= 0} { sohu_fail "create_clock needs a positive -period" }
    if {$name eq ""} {
        if {$src eq ""} { sohu_fail "a virtual clock needs -name" }
        set name [lindex $src 0]
    }
    if {[dict exists $::sohu_clocks $name]} { sohu_fail "clock '$name' created twice" }
    foreach p $src {
        if {[lindex [dict get $::sohu_ports $p] 0] ne "input"} { sohu_fail "clock on '$p', which is not an input" }
    }
    dict set ::sohu_clocks $name [list $period $src]
    sohu_rec clock $name $period {*}$src
}

proc sohu_clock_value {cmd args} {
    if {[llength $args] != 2} { sohu_fail "$cmd takes a value and clocks, got '$args'" }
    set v [sohu_number $cmd [lindex $args 0]]
    foreach c [sohu_objects CLOCKS [lindex $args 1]] { sohu_rec $cmd $c $v }
}
proc set_clock_uncertainty {args} { sohu_clock_value uncertainty {*}$args }
proc set_clock_transition {args} { sohu_clock_value transition {*}$args }

proc sohu_io_delay {kind dir args} {
    set clock {}
    set value {}
    set ports {}
    while {[llength $args]} {
        set args [lassign $args a]
        switch -- $a {
            -clock {
                set args [lassign $args c]
                if {[llength $c] == 2 && [lindex $c 0] eq "CLOCKS"} { set c [lindex $c 1] }
                if {[llength $c] != 1 || ![dict exists $::sohu_clocks $c]} { sohu_fail "$kind: unknown clock '$c'" }
                set clock $c
            }
            -max - -min - -add_delay - -rise - -fall {}
            default {
                if {[string is double -strict $a]} { set value [sohu_number $kind $a] } else { set ports [sohu_objects PORTS $a] }
            }
        }
    }
    if {$clock eq "" || $value eq "" || [llength $ports] == 0} { sohu_fail "$kind needs -clock, a value and ports" }
    foreach p $ports {
        set d [lindex [dict get $::sohu_ports $p] 0]
        if {$d ne $dir} { sohu_fail "$kind on '$p', which is an $d" }
        dict for {cn info} $::sohu_clocks {
            if {$p in [lindex $info 1]} { sohu_fail "$kind on '$p', the source of clock '$cn'" }
        }
        sohu_rec $kind $clock $value $p
    }
}
proc set_input_delay {args} { sohu_io_delay input_delay input {*}$args }
proc set_output_delay {args} { sohu_io_delay output_delay output {*}$args }

proc set_driving_cell {args} {
    set cell {}
    set pin {}
    set ports {}
    while {[llength $args]} {
        set args [lassign $args a]
        switch -- $a {
            -lib_cell { set args [lassign $args cell] }
            -pin      { set args [lassign $args pin] }
            default   { set ports [sohu_objects PORTS $a] }
        }
    }
    if {$cell eq "" || [llength $ports] == 0} { sohu_fail "set_driving_cell needs -lib_cell and ports" }
    foreach p $ports {
        if {[lindex [dict get $::sohu_ports $p] 0] ne "input"} { sohu_fail "driving cell on output '$p'" }
        sohu_rec driving_cell $cell $pin $p
    }
}

proc set_load {args} {
    if {[llength $args] != 2} { sohu_fail "set_load takes a value and ports, got '$args'" }
    set v [sohu_number set_load [lindex $args 0]]
    foreach p [sohu_objects PORTS [lindex $args 1]] {
        if {[lindex [dict get $::sohu_ports $p] 0] ne "output"} { sohu_fail "load on input '$p'" }
        sohu_rec load $v $p
    }
}

proc set_false_path {args} { sohu_rec false_path {*}$args }
proc set_multicycle_path {args} { sohu_rec multicycle_path {*}$args }

proc sohu_dump {} {
    foreach r $::sohu_log { puts [join $r " "] }
}
