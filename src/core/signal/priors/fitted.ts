/**
 * Parameter priors fitted to real records by bench/fitPriors.ts (generated; do not edit by hand — rerun
 * `npx tsx bench/fitPriors.ts`). One value per record (LUDB: cardiologists' lead-II intervals; per-lead median
 * amplitudes relative to the 10 ms before QRS onset — the shared LUDB copy is scaled to a unit range per lead, so
 * only their within-lead ratios are physical; frontal QRS axis from the net QRS areas of I and aVF). PTB-XL: per-lead
 * R, S and T amplitudes (mV) of each record's median beat.
 * n, mean, SD, 5th percentile, median and 95th percentile per quantity. Method and numbers: docs/synthesis.md.
 */
export interface FittedSummary {
  n: number;
  mean: number;
  sd: number;
  p5: number;
  median: number;
  p95: number;
}

export const FITTED = {
  "source": "LUDB 1.0.1 records in ECG_DATA (40), lead II annotations; QTDB sel100/sel102 .q1c",
  "intervals": {
    "hrBpm": {
      "n": 40,
      "mean": 65.959,
      "sd": 15.191,
      "p5": 50.661,
      "median": 63.329,
      "p95": 83.565
    },
    "prMs": {
      "n": 36,
      "mean": 173.832,
      "sd": 28.95,
      "p5": 137.333,
      "median": 171.75,
      "p95": 223.111
    },
    "qrsMs": {
      "n": 40,
      "mean": 100.935,
      "sd": 21.415,
      "p5": 72,
      "median": 97.25,
      "p95": 152.75
    },
    "qtMs": {
      "n": 40,
      "mean": 407.794,
      "sd": 45.96,
      "p5": 345,
      "median": 397.429,
      "p95": 475.667
    },
    "qtcMs": {
      "n": 40,
      "mean": 422.132,
      "sd": 36.55,
      "p5": 377.029,
      "median": 421.455,
      "p95": 470.551
    }
  },
  "amplitudesMv": {
    "I": {
      "p": {
        "n": 36,
        "mean": 0.079,
        "sd": 0.032,
        "p5": 0.028,
        "median": 0.082,
        "p95": 0.123
      },
      "r": {
        "n": 40,
        "mean": 0.703,
        "sd": 0.154,
        "p5": 0.306,
        "median": 0.721,
        "p95": 0.894
      },
      "s": {
        "n": 40,
        "mean": 0.145,
        "sd": 0.092,
        "p5": 0.034,
        "median": 0.139,
        "p95": 0.263
      },
      "t": {
        "n": 40,
        "mean": 0.096,
        "sd": 0.159,
        "p5": -0.113,
        "median": 0.118,
        "p95": 0.329
      }
    },
    "II": {
      "p": {
        "n": 36,
        "mean": 0.11,
        "sd": 0.045,
        "p5": 0.044,
        "median": 0.107,
        "p95": 0.187
      },
      "r": {
        "n": 40,
        "mean": 0.672,
        "sd": 0.192,
        "p5": 0.334,
        "median": 0.723,
        "p95": 0.887
      },
      "s": {
        "n": 40,
        "mean": 0.152,
        "sd": 0.118,
        "p5": 0.021,
        "median": 0.123,
        "p95": 0.381
      },
      "t": {
        "n": 40,
        "mean": 0.139,
        "sd": 0.145,
        "p5": -0.084,
        "median": 0.141,
        "p95": 0.344
      }
    },
    "III": {
      "p": {
        "n": 36,
        "mean": 0.051,
        "sd": 0.081,
        "p5": -0.062,
        "median": 0.053,
        "p95": 0.165
      },
      "r": {
        "n": 40,
        "mean": 0.354,
        "sd": 0.241,
        "p5": 0.043,
        "median": 0.314,
        "p95": 0.802
      },
      "s": {
        "n": 40,
        "mean": 0.387,
        "sd": 0.226,
        "p5": 0.062,
        "median": 0.433,
        "p95": 0.713
      },
      "t": {
        "n": 40,
        "mean": 0.037,
        "sd": 0.2,
        "p5": -0.265,
        "median": 0.054,
        "p95": 0.318
      }
    },
    "aVR": {
      "p": {
        "n": 36,
        "mean": -0.108,
        "sd": 0.052,
        "p5": -0.234,
        "median": -0.096,
        "p95": -0.05
      },
      "r": {
        "n": 40,
        "mean": 0.107,
        "sd": 0.081,
        "p5": 0.022,
        "median": 0.095,
        "p95": 0.234
      },
      "s": {
        "n": 40,
        "mean": 0.745,
        "sd": 0.171,
        "p5": 0.385,
        "median": 0.784,
        "p95": 0.91
      },
      "t": {
        "n": 40,
        "mean": -0.126,
        "sd": 0.136,
        "p5": -0.34,
        "median": -0.116,
        "p95": 0.082
      }
    },
    "aVL": {
      "p": {
        "n": 36,
        "mean": 0.034,
        "sd": 0.056,
        "p5": -0.057,
        "median": 0.05,
        "p95": 0.089
      },
      "r": {
        "n": 40,
        "mean": 0.558,
        "sd": 0.195,
        "p5": 0.254,
        "median": 0.562,
        "p95": 0.809
      },
      "s": {
        "n": 40,
        "mean": 0.232,
        "sd": 0.173,
        "p5": 0.047,
        "median": 0.165,
        "p95": 0.581
      },
      "t": {
        "n": 40,
        "mean": 0.05,
        "sd": 0.18,
        "p5": -0.21,
        "median": 0.084,
        "p95": 0.346
      }
    },
    "aVF": {
      "p": {
        "n": 36,
        "mean": 0.098,
        "sd": 0.056,
        "p5": 0.037,
        "median": 0.097,
        "p95": 0.187
      },
      "r": {
        "n": 40,
        "mean": 0.525,
        "sd": 0.235,
        "p5": 0.138,
        "median": 0.559,
        "p95": 0.836
      },
      "s": {
        "n": 40,
        "mean": 0.223,
        "sd": 0.185,
        "p5": 0.019,
        "median": 0.192,
        "p95": 0.542
      },
      "t": {
        "n": 40,
        "mean": 0.11,
        "sd": 0.188,
        "p5": -0.103,
        "median": 0.132,
        "p95": 0.346
      }
    },
    "V1": {
      "p": {
        "n": 36,
        "mean": -0.016,
        "sd": 0.045,
        "p5": -0.073,
        "median": -0.01,
        "p95": 0.043
      },
      "r": {
        "n": 40,
        "mean": 0.172,
        "sd": 0.157,
        "p5": 0.026,
        "median": 0.13,
        "p95": 0.578
      },
      "s": {
        "n": 40,
        "mean": 0.636,
        "sd": 0.168,
        "p5": 0.363,
        "median": 0.657,
        "p95": 0.817
      },
      "t": {
        "n": 39,
        "mean": 0.08,
        "sd": 0.139,
        "p5": -0.125,
        "median": 0.104,
        "p95": 0.252
      }
    },
    "V2": {
      "p": {
        "n": 36,
        "mean": 0.019,
        "sd": 0.025,
        "p5": -0.007,
        "median": 0.028,
        "p95": 0.044
      },
      "r": {
        "n": 40,
        "mean": 0.28,
        "sd": 0.19,
        "p5": 0.046,
        "median": 0.284,
        "p95": 0.634
      },
      "s": {
        "n": 40,
        "mean": 0.555,
        "sd": 0.198,
        "p5": 0.229,
        "median": 0.588,
        "p95": 0.79
      },
      "t": {
        "n": 40,
        "mean": 0.19,
        "sd": 0.2,
        "p5": -0.172,
        "median": 0.199,
        "p95": 0.492
      }
    },
    "V3": {
      "p": {
        "n": 36,
        "mean": 0.034,
        "sd": 0.013,
        "p5": 0.017,
        "median": 0.033,
        "p95": 0.061
      },
      "r": {
        "n": 40,
        "mean": 0.353,
        "sd": 0.22,
        "p5": 0.052,
        "median": 0.374,
        "p95": 0.729
      },
      "s": {
        "n": 40,
        "mean": 0.51,
        "sd": 0.197,
        "p5": 0.203,
        "median": 0.496,
        "p95": 0.808
      },
      "t": {
        "n": 40,
        "mean": 0.2,
        "sd": 0.207,
        "p5": -0.132,
        "median": 0.229,
        "p95": 0.518
      }
    },
    "V4": {
      "p": {
        "n": 36,
        "mean": 0.037,
        "sd": 0.018,
        "p5": 0.016,
        "median": 0.031,
        "p95": 0.071
      },
      "r": {
        "n": 40,
        "mean": 0.498,
        "sd": 0.253,
        "p5": 0.06,
        "median": 0.545,
        "p95": 0.799
      },
      "s": {
        "n": 40,
        "mean": 0.349,
        "sd": 0.203,
        "p5": 0.05,
        "median": 0.302,
        "p95": 0.732
      },
      "t": {
        "n": 40,
        "mean": 0.138,
        "sd": 0.209,
        "p5": -0.191,
        "median": 0.169,
        "p95": 0.418
      }
    },
    "V5": {
      "p": {
        "n": 36,
        "mean": 0.04,
        "sd": 0.024,
        "p5": 0.014,
        "median": 0.034,
        "p95": 0.083
      },
      "r": {
        "n": 40,
        "mean": 0.662,
        "sd": 0.238,
        "p5": 0.158,
        "median": 0.744,
        "p95": 0.918
      },
      "s": {
        "n": 40,
        "mean": 0.189,
        "sd": 0.156,
        "p5": 0.027,
        "median": 0.152,
        "p95": 0.51
      },
      "t": {
        "n": 40,
        "mean": 0.09,
        "sd": 0.163,
        "p5": -0.148,
        "median": 0.121,
        "p95": 0.343
      }
    },
    "V6": {
      "p": {
        "n": 36,
        "mean": 0.048,
        "sd": 0.023,
        "p5": 0.022,
        "median": 0.048,
        "p95": 0.09
      },
      "r": {
        "n": 40,
        "mean": 0.712,
        "sd": 0.177,
        "p5": 0.456,
        "median": 0.768,
        "p95": 0.881
      },
      "s": {
        "n": 40,
        "mean": 0.101,
        "sd": 0.062,
        "p5": 0.031,
        "median": 0.085,
        "p95": 0.204
      },
      "t": {
        "n": 40,
        "mean": 0.077,
        "sd": 0.148,
        "p5": -0.177,
        "median": 0.099,
        "p95": 0.29
      }
    }
  },
  "axisDeg": {
    "n": 40,
    "mean": 21.209,
    "sd": 45.142,
    "p5": -54.533,
    "median": 43.035,
    "p95": 68.919
  },
  "ptbxlAmplitudesMv": {
    "I": {
      "r": {
        "n": 100,
        "mean": 0.647,
        "sd": 0.311,
        "p5": 0.223,
        "median": 0.581,
        "p95": 1.185
      },
      "s": {
        "n": 100,
        "mean": 0.126,
        "sd": 0.098,
        "p5": 0.009,
        "median": 0.118,
        "p95": 0.305
      },
      "t": {
        "n": 100,
        "mean": 0.234,
        "sd": 0.11,
        "p5": 0.094,
        "median": 0.247,
        "p95": 0.416
      }
    },
    "II": {
      "r": {
        "n": 100,
        "mean": 0.903,
        "sd": 0.412,
        "p5": 0.366,
        "median": 0.903,
        "p95": 1.498
      },
      "s": {
        "n": 100,
        "mean": 0.169,
        "sd": 0.17,
        "p5": 0.012,
        "median": 0.116,
        "p95": 0.425
      },
      "t": {
        "n": 100,
        "mean": 0.27,
        "sd": 0.163,
        "p5": -0.064,
        "median": 0.291,
        "p95": 0.472
      }
    },
    "III": {
      "r": {
        "n": 100,
        "mean": 0.469,
        "sd": 0.395,
        "p5": 0.001,
        "median": 0.397,
        "p95": 1.244
      },
      "s": {
        "n": 100,
        "mean": 0.246,
        "sd": 0.298,
        "p5": 0.01,
        "median": 0.12,
        "p95": 0.776
      },
      "t": {
        "n": 100,
        "mean": 0.049,
        "sd": 0.12,
        "p5": -0.173,
        "median": 0.069,
        "p95": 0.207
      }
    },
    "aVR": {
      "r": {
        "n": 100,
        "mean": 0.124,
        "sd": 0.111,
        "p5": 0.016,
        "median": 0.089,
        "p95": 0.369
      },
      "s": {
        "n": 100,
        "mean": 0.764,
        "sd": 0.229,
        "p5": 0.433,
        "median": 0.756,
        "p95": 1.159
      },
      "t": {
        "n": 100,
        "mean": -0.255,
        "sd": 0.117,
        "p5": -0.418,
        "median": -0.26,
        "p95": -0.079
      }
    },
    "aVL": {
      "r": {
        "n": 100,
        "mean": 0.329,
        "sd": 0.316,
        "p5": 0.04,
        "median": 0.21,
        "p95": 0.925
      },
      "s": {
        "n": 100,
        "mean": 0.177,
        "sd": 0.164,
        "p5": 0.016,
        "median": 0.119,
        "p95": 0.536
      },
      "t": {
        "n": 100,
        "mean": 0.092,
        "sd": 0.087,
        "p5": -0.035,
        "median": 0.085,
        "p95": 0.24
      }
    },
    "aVF": {
      "r": {
        "n": 100,
        "mean": 0.631,
        "sd": 0.432,
        "p5": 0.073,
        "median": 0.601,
        "p95": 1.359
      },
      "s": {
        "n": 100,
        "mean": 0.161,
        "sd": 0.185,
        "p5": 0.004,
        "median": 0.111,
        "p95": 0.413
      },
      "t": {
        "n": 100,
        "mean": 0.158,
        "sd": 0.129,
        "p5": -0.102,
        "median": 0.167,
        "p95": 0.315
      }
    },
    "V1": {
      "r": {
        "n": 100,
        "mean": 0.196,
        "sd": 0.132,
        "p5": 0.052,
        "median": 0.166,
        "p95": 0.442
      },
      "s": {
        "n": 100,
        "mean": 0.839,
        "sd": 0.331,
        "p5": 0.378,
        "median": 0.791,
        "p95": 1.438
      },
      "t": {
        "n": 100,
        "mean": 0.016,
        "sd": 0.162,
        "p5": -0.218,
        "median": 0.043,
        "p95": 0.288
      }
    },
    "V2": {
      "r": {
        "n": 100,
        "mean": 0.478,
        "sd": 0.262,
        "p5": 0.184,
        "median": 0.414,
        "p95": 1.001
      },
      "s": {
        "n": 100,
        "mean": 1.419,
        "sd": 0.591,
        "p5": 0.599,
        "median": 1.368,
        "p95": 2.386
      },
      "t": {
        "n": 100,
        "mean": 0.483,
        "sd": 0.251,
        "p5": 0.145,
        "median": 0.432,
        "p95": 0.932
      }
    },
    "V3": {
      "r": {
        "n": 100,
        "mean": 0.937,
        "sd": 0.661,
        "p5": 0.298,
        "median": 0.812,
        "p95": 2.097
      },
      "s": {
        "n": 100,
        "mean": 0.815,
        "sd": 0.514,
        "p5": 0.165,
        "median": 0.723,
        "p95": 1.844
      },
      "t": {
        "n": 100,
        "mean": 0.487,
        "sd": 0.261,
        "p5": 0.154,
        "median": 0.463,
        "p95": 0.951
      }
    },
    "V4": {
      "r": {
        "n": 100,
        "mean": 1.327,
        "sd": 0.668,
        "p5": 0.608,
        "median": 1.157,
        "p95": 2.665
      },
      "s": {
        "n": 100,
        "mean": 0.473,
        "sd": 0.343,
        "p5": 0.087,
        "median": 0.4,
        "p95": 1.061
      },
      "t": {
        "n": 100,
        "mean": 0.407,
        "sd": 0.212,
        "p5": 0.135,
        "median": 0.416,
        "p95": 0.738
      }
    },
    "V5": {
      "r": {
        "n": 100,
        "mean": 1.307,
        "sd": 0.516,
        "p5": 0.557,
        "median": 1.241,
        "p95": 2.294
      },
      "s": {
        "n": 100,
        "mean": 0.259,
        "sd": 0.221,
        "p5": 0.022,
        "median": 0.187,
        "p95": 0.741
      },
      "t": {
        "n": 100,
        "mean": 0.333,
        "sd": 0.174,
        "p5": 0.102,
        "median": 0.339,
        "p95": 0.603
      }
    },
    "V6": {
      "r": {
        "n": 100,
        "mean": 1.09,
        "sd": 0.395,
        "p5": 0.498,
        "median": 1.076,
        "p95": 1.726
      },
      "s": {
        "n": 100,
        "mean": 0.123,
        "sd": 0.113,
        "p5": 0.016,
        "median": 0.09,
        "p95": 0.396
      },
      "t": {
        "n": 100,
        "mean": 0.263,
        "sd": 0.145,
        "p5": 0.078,
        "median": 0.271,
        "p95": 0.443
      }
    }
  },
  "ptbxlRecords": 100,
  "qtdbQ1c": {
    "qrsMs": {
      "n": 115,
      "mean": 176.626,
      "sd": 59.805,
      "p5": 76,
      "median": 204,
      "p95": 232
    },
    "qtMs": {
      "n": 115,
      "mean": 451.896,
      "sd": 38.855,
      "p5": 376,
      "median": 456,
      "p95": 508
    }
  },
  "qrsNarrowMs": {
    "n": 35,
    "mean": 94.883,
    "sd": 13.347,
    "p5": 72,
    "median": 95.867,
    "p95": 113.75
  },
  "axisNormalDeg": {
    "n": 33,
    "mean": 30.822,
    "sd": 32.524,
    "p5": -23.39,
    "median": 44.681,
    "p95": 65.927
  },
  "supportMinusAnnotatedMs": {
    "prMs": {
      "n": 300,
      "mean": 6.313,
      "sd": 2.738,
      "p5": 2.857,
      "median": 6.643,
      "p95": 9.499
    },
    "qrsMs": {
      "n": 300,
      "mean": 9.472,
      "sd": 4.437,
      "p5": 3.746,
      "median": 8.62,
      "p95": 19.488
    },
    "qtMs": {
      "n": 300,
      "mean": 31.999,
      "sd": 9.237,
      "p5": 7.485,
      "median": 32.586,
      "p95": 44.66
    }
  }
} as const satisfies {
  source: string;
  intervals: Record<'hrBpm' | 'prMs' | 'qrsMs' | 'qtMs' | 'qtcMs', FittedSummary>;
  amplitudesMv: Record<string, Record<'p' | 'r' | 's' | 't', FittedSummary>>;
  axisDeg: FittedSummary;
  ptbxlAmplitudesMv: Record<string, Record<'r' | 's' | 't', FittedSummary>>;
  ptbxlRecords: number;
  qtdbQ1c: Record<'qrsMs' | 'qtMs', FittedSummary>;
  qrsNarrowMs: FittedSummary;
  axisNormalDeg: FittedSummary;
  supportMinusAnnotatedMs: Record<'prMs' | 'qrsMs' | 'qtMs', FittedSummary>;
};
