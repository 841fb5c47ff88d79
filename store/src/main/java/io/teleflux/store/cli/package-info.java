/**
 * The store's command line ({@link io.teleflux.store.cli.StoreMain}: list, summary, export, record, replay) and
 * {@link io.teleflux.store.cli.VideoFileReader}, which decodes video files with the ffmpeg executable bundled in the
 * FFmpeg natives.
 */
package io.teleflux.store.cli;
