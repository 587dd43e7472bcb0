/** Registers every layer converter (import for the side effect). */
import './activations';
import './attention';
import './conv';
import './core';
import './merge';
import './norm';
import './pooling';
import './recurrent';
