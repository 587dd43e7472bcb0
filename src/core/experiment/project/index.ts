/** Project files: one download with the spec, results and trained models; opened again by a drop. */
export { PROJECT_FORMAT, PROJECT_VERSION, PROJECT_SUFFIXES, isProjectFileName, type ProjectDataset } from './format';
export { openProject, packProject, projectDatasets, projectFileName, type OpenedProject, type Project, type ProjectModel, type ProjectRun } from './pack';
