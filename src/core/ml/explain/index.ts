/** Saliency for any zoo model: Grad-CAM on the last convolution and integrated gradients, and their reductions. */
export { gradCam, lastConvLayer, resampleCentres, type GradCamOptions } from './gradcam';
export { integratedGradients, blurBaseline, completenessError, type IntegratedGradientsOptions } from './integratedGradients';
export { saliencyStrip, binStrip, massFraction, type SaliencyStrip } from './strip';
export { selectOutput } from './output';
export { toTimeMajor, type Attribution, type ExplainTarget, type OutputActivation } from './types';
