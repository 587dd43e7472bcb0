/**
 * tfjs LayersModel → ONNX (opset 17, IR 8). Walks the model's layer calls in dependency order, converting each
 * with the converter registered for its class (./registry, ./converters), in the channels-first layout of
 * ./graph.ts. Inputs and outputs keep the tfjs shapes ([batch, samples, leads] in). Besides the model's raw
 * output, classification models get `probabilities` (softmax / sigmoid, as the lab computes them) and
 * regression models with target statistics get `values` in physical units.
 */
import type * as tf from '@tensorflow/tfjs';
import './converters';
import { fromTfPerm, GraphBuilder, toTfPerm, type Value } from './graph';
import { metadataProps, type OnnxMeta, type OutputDoc } from './meta';
import { encodeOnnxModel, type OnnxValueInfo } from './onnxProto';
import { layerConverter, UnsupportedLayerError, type LayerContext, type LayerWeight } from './registry';

export const ONNX_OPSET = 17;
export const ONNX_IR_VERSION = 8;
export const PRODUCER = 'ecg-transfer-lab';

type Symbolic = tf.SymbolicTensor;

function dims(shape: (number | null)[]): (number | string)[] {
  return shape.map((d, i) => (d === null || d < 0 ? (i === 0 ? 'batch' : `d${i}`) : d));
}

function layerWeights(layer: tf.layers.Layer): Map<string, LayerWeight> {
  const m = new Map<string, LayerWeight>();
  for (const w of layer.weights) {
    const short = (w.originalName ?? w.name).split('/').pop()!.replace(/_\d+$/, '');
    if (m.has(short)) continue;
    m.set(short, { shape: [...w.shape] as number[], data: Float32Array.from(w.read().dataSync() as Float32Array) });
  }
  return m;
}

function outputActivation(model: tf.LayersModel): string {
  const last = model.outputs[0].sourceLayer;
  const cls = last.getClassName();
  if (cls === 'Softmax') return 'softmax';
  return String((last.getConfig() as Record<string, unknown>).activation ?? 'linear');
}

/** The ONNX bytes of `model`, with `meta` in its metadata_props. Throws UnsupportedLayerError for unknown layers. */
export function exportOnnx(model: tf.LayersModel, meta: OnnxMeta): Uint8Array {
  const g = new GraphBuilder();
  const values = new Map<number, Value>();
  const inputs: OnnxValueInfo[] = model.inputs.map((t: Symbolic) => {
    const name = g.unique(t.sourceLayer.name);
    const shape = t.shape as (number | null)[];
    values.set(t.id, { name: g.transpose(name, fromTfPerm(shape.length), `${name}_channels_first`), shape });
    return { name, dims: dims(shape) };
  });

  // layer calls in dependency order (model.layers is sorted by depth; the loop also copes with any order)
  const pending = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  for (let progress = true; progress; ) {
    progress = false;
    for (const layer of pending) {
      for (const node of layer.inboundNodes) {
        if (node.outputTensors.every((t) => values.has(t.id)) || !node.inputTensors.every((t) => values.has(t.id))) continue;
        const className = layer.getClassName();
        const convert = layerConverter(className);
        if (!convert) throw new UnsupportedLayerError(className, layer.name);
        const weights = layerWeights(layer);
        const ctx: LayerContext = {
          g,
          layer,
          className,
          name: layer.name,
          config: layer.getConfig() as Record<string, unknown>,
          inputs: node.inputTensors.map((t) => values.get(t.id)!),
          outputShapes: node.outputTensors.map((t) => t.shape as (number | null)[]),
          weight: (s) => weights.get(s),
          needWeight: (s) => weights.get(s) ?? ctx.unsupported(`no "${s}" weight (has ${[...weights.keys()].join(', ') || 'none'})`),
          unsupported: (reason) => {
            throw new UnsupportedLayerError(className, layer.name, reason);
          },
        };
        const out = convert(ctx);
        const names = Array.isArray(out) ? out : [out];
        if (names.length !== node.outputTensors.length) ctx.unsupported(`converter gave ${names.length} outputs for ${node.outputTensors.length}`);
        node.outputTensors.forEach((t, i) => values.set(t.id, { name: names[i], shape: t.shape as (number | null)[] }));
        progress = true;
      }
    }
  }

  const outputs: OnnxValueInfo[] = [];
  const doc: OutputDoc = {};
  const single = model.outputs.length === 1;
  model.outputs.forEach((t: Symbolic, i) => {
    const v = values.get(t.id);
    if (!v) throw new Error(`ONNX export: output ${t.name} of model "${model.name}" is not reachable from its inputs`);
    const base = single ? (meta.task.kind === 'regression' ? 'standardised' : 'logits') : `output${i}`;
    const name = g.op('Identity', [g.transpose(v.name, toTfPerm(v.shape.length), `${base}_tf_order`)], base);
    outputs.push({ name, dims: dims(v.shape) });
    doc[name] = meta.task.kind === 'regression' ? 'model output (standardised targets)' : 'model output (class logits)';
  });

  // derived outputs for the common single-output case with a linear last layer
  const t = meta.task;
  const raw = outputs[0];
  if (single && raw.dims.length === 2 && outputActivation(model) === 'linear') {
    if (t.kind === 'regression' && t.mean && t.std) {
      const k = t.targets.length;
      const y = g.op('Add', [g.op('Mul', [raw.name, g.floats('target_std', [k], t.std)], 'values_scaled'), g.floats('target_mean', [k], t.mean)], 'values');
      outputs.push({ name: y, dims: raw.dims });
      doc[y] = `targets in physical units (${t.targets.join(', ')}): standardised · std + mean`;
    } else if (t.kind !== 'regression') {
      const y = t.kind === 'single-label' ? g.op('Softmax', [raw.name], 'probabilities', { axis: 1 }) : g.op('Sigmoid', [raw.name], 'probabilities');
      outputs.push({ name: y, dims: raw.dims });
      doc[y] = `${t.kind === 'single-label' ? 'softmax' : 'sigmoid'} of the logits, per class (${t.classes.join(', ')})`;
    }
  }

  return encodeOnnxModel({
    irVersion: ONNX_IR_VERSION,
    opset: ONNX_OPSET,
    producerName: PRODUCER,
    producerVersion: '1',
    docString: `tfjs model "${model.name}"${meta.modelKind ? ` (${meta.modelKind})` : ''}${meta.stage ? `, stage "${meta.stage}"` : ''}; input ${inputs[0]?.name} [batch, samples, leads]`,
    graphName: model.name,
    nodes: g.nodes,
    initializers: g.initializers,
    inputs,
    outputs,
    metadata: metadataProps(meta, doc, inputs[0]?.name ?? ''),
  });
}
